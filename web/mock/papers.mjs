// The mock API's fixed corpus: 60 papers, newest first, generated deterministically (no randomness, no
// clock). A few are written out by hand: the two cards of the design, a title carrying a <script> tag,
// and papers with $\alpha$-style math.

const HAND = [
  {
    id: "2606.15872",
    title: "ConSA: Controllable Sparsity in Hybrid Attention via Learnable Allocation",
    authors: ["Simeng Zhang", "Wei Liu", "Hannah Okafor"],
    categories: ["cs.CL", "cs.LG"],
    abstract:
      "Hybrid architectures combining full attention (FA) and sliding-window attention (SWA) are a promising paradigm for efficient LLM inference. However, existing methods typically rely on hand-crafted rules or simple post-hoc heuristics for FA/SWA allocation and offer limited analysis of the attention behaviors underlying these designs. We propose Controllable Sparsity in Hybrid Attention (ConSA), a framework that learns optimal FA/SWA assignment under a user-specified sparsity target. ConSA employs L0 regularization to learn binary masks selecting between FA and SWA for each attention unit, while an augmented Lagrangian constraint enforces the target sparsity at either layer or KV-head granularity. We evaluate ConSA on two LLMs at the 0.6B and 1.7B scales. Learned allocations consistently outperform rule-based baselines, with KV-head-wise allocation yielding clear gains over layer-wise allocation.",
  },
  {
    id: "2606.14410",
    title:
      "Nemotron 3 Ultra: Open, Efficient Mixture-of-Experts Hybrid Mamba-Transformer Model for Agentic Reasoning",
    authors: ["Priya Raman", "Jonas Weber", "Mei Chen", "Oluwaseun Adeyemi"],
    categories: ["cs.CL", "cs.AI"],
    abstract:
      "We introduce Nemotron 3 Ultra, a 550 billion total and 55 billion active parameter Mixture-of-Experts Hybrid Mamba-Attention language model. We pre-trained Nemotron 3 Ultra on 20 trillion text tokens, then extended the context length to 1M tokens, and post-trained using Supervised Fine Tuning (SFT), Reinforcement Learning (RL), and Multi-teacher On-Policy Distillation (MOPD). Nemotron 3 Ultra achieves up to ~6x higher inference throughput as compared to state-of-the-art publicly available LLMs while attaining on-par accuracy.",
  },
  {
    id: "2606.13001",
    title: "<script>alert(1)</script> Prompt Injection in Retrieval-Augmented Agents",
    authors: ["Mallory Evans", "Simeng Zhang"],
    categories: ["cs.CR", "cs.CL"],
    abstract:
      'We study payloads such as <img src=x onerror=alert(2)> and "</p><b>bold</b>" hidden in retrieved documents, and show that agents which render untrusted text as markup can be hijacked. A display layer that treats every field as text defeats all of them.',
  },
  {
    id: "2606.12345",
    title: "$\\alpha$-Entmax Routing for Sparse Mixture-of-Experts",
    authors: ["Ana Souza", "Simeng Zhang", "Kenji Watanabe"],
    categories: ["cs.LG", "stat.ML"],
    abstract:
      "We replace softmax gating with $\\alpha$-entmax, $\\alpha \\in (1, 2]$, so that each token activates a data-dependent number of experts. The expected load satisfies $$\\mathbb{E}[k] = \\sum_{i=1}^{n} p_i^{\\alpha - 1},$$ and the routing loss is \\(\\mathcal{L} = \\lambda \\lVert p \\rVert_2^2\\). It costs $5 and $10 less per million tokens than top-$k$ routing.",
  },
  {
    id: "2606.11777",
    title: "Scaling Laws for $\\beta$-VAEs with Learned Priors",
    authors: ["Lucas Martin", "Yuki Tanaka"],
    categories: ["cs.LG", "cs.AI"],
    abstract:
      "We fit loss curves $L(N, D) = E + A N^{-\\alpha} + B D^{-\\beta}$ for $\\beta$-VAEs from 10M to 3B parameters and find $\\alpha \\approx 0.34$. Learned priors shift the compute-optimal frontier by a constant factor.",
  },
];

const TOPICS = [
  ["Sparse Attention", "sparse attention", "cs.CL"],
  ["Retrieval-Augmented Generation", "retrieval", "cs.CL"],
  ["Speculative Decoding", "decoding", "cs.CL"],
  ["Tool-Using Agents", "agents", "cs.AI"],
  ["Chain-of-Thought Faithfulness", "reasoning", "cs.AI"],
  ["Diffusion Language Models", "diffusion", "cs.LG"],
  ["Low-Rank Adaptation", "fine-tuning", "cs.LG"],
  ["Graph Neural Networks", "graphs", "cs.LG"],
  ["Multilingual Machine Translation", "translation", "cs.CL"],
  ["Reward Model Overoptimization", "alignment", "cs.AI"],
  ["Vision-Language Pretraining", "multimodal", "cs.CV"],
  ["Federated Optimization", "optimization", "cs.LG"],
];
const ANGLES = [
  "A Survey of",
  "Rethinking",
  "Efficient",
  "Provable Guarantees for",
  "Benchmarking",
  "Scaling",
  "Towards Robust",
  "When Does It Fail? Probing",
];
const PEOPLE = [
  "Simeng Zhang",
  "Wei Liu",
  "Hannah Okafor",
  "María García",
  "Arjun Mehta",
  "Chloé Dubois",
  "Jonas Weber",
  "Mei Chen",
  "Yuki Tanaka",
  "Lucas Martin",
  "Fatima Al-Sayed",
  "Dmitri Volkov",
  "Ana Souza",
  "Kenji Watanabe",
  "Sofia Rossi",
];
const VENUES = ["ACL 2026", "NeurIPS 2025", "ICML 2026", "Transactions on Machine Learning Research"];
const SECONDARY = { "cs.CL": "cs.AI", "cs.AI": "cs.LG", "cs.LG": "stat.ML", "cs.CV": "cs.LG" };
const SOURCES = ["arxiv-oai", "arxiv-api", "arxiv-rss", "arxiv-snapshot", "arxiv-daily"];

export const CATEGORY_NAMES = {
  "cs.AI": "Artificial Intelligence",
  "cs.CL": "Computation and Language",
  "cs.CR": "Cryptography and Security",
  "cs.CV": "Computer Vision and Pattern Recognition",
  "cs.LG": "Machine Learning",
  "stat.ML": "Machine Learning (Statistics)",
};

function day(offset) {
  const d = new Date(Date.UTC(2026, 5, 17));
  d.setUTCDate(d.getUTCDate() - offset);
  return d.toISOString().slice(0, 10);
}

function generated(i) {
  const [topic, keyword, primary] = TOPICS[i % TOPICS.length];
  const angle = ANGLES[(i * 5) % ANGLES.length];
  const authors = [PEOPLE[(i * 7) % PEOPLE.length], PEOPLE[(i * 3 + 1) % PEOPLE.length], PEOPLE[(i + 4) % PEOPLE.length]];
  if (i % 6 === 0 && !authors.includes("Simeng Zhang")) authors.splice(1, 0, "Simeng Zhang");
  return {
    id: `2606.${String(10000 - i * 137).padStart(5, "0")}`,
    title: `${angle} ${topic}${i % 4 === 0 ? " at Scale" : ""}`,
    authors: [...new Set(authors)],
    categories: [primary, SECONDARY[primary]],
    abstract: `We revisit ${keyword} in the setting of ${topic.toLowerCase()}. Across ${3 + (i % 5)} benchmarks our method improves accuracy by ${(1 + (i % 9) * 0.7).toFixed(1)} points while using ${20 + (i % 7) * 5}% less compute. ${
      i % 5 === 0 ? "The gain grows as $O(\\log n)$ with the number of layers $n$. " : ""
    }We release code, data and checkpoints, and discuss where the approach breaks down: long contexts, low-resource languages and adversarial inputs. An ablation isolates the contribution of each component, and a human study confirms the automatic metrics.`,
  };
}

function build() {
  const raw = [...HAND];
  for (let i = 0; raw.length < 60; i++) raw.push(generated(i));
  return raw.map((p, n) => {
    const date = day(Math.floor(n / 3));
    const hour = String(20 - (n % 3) * 4).padStart(2, "0");
    const noPublished = n % 11 === 7; // some records only have an announcement date
    const version = 1 + (n % 3);
    const doi = n % 4 === 1 ? `10.48550/arXiv.${p.id}` : null;
    const journal = n % 5 === 2 ? VENUES[n % VENUES.length] : null;
    return {
      id: p.id,
      version,
      title: p.title,
      abstract: p.abstract,
      authors: p.authors.map((name, k) => (k === 0 ? { name, affiliation: "Example University" } : { name })),
      categories: p.categories,
      primary_category: p.categories[0],
      published: noPublished ? null : `${date}T${hour}:00:00Z`,
      updated: version > 1 ? `${date}T${hour}:30:00Z` : null,
      announced: day(Math.floor(n / 3) - 1),
      doi,
      journal_ref: journal,
      comment: n % 3 === 0 ? `${8 + (n % 9)} pages, ${2 + (n % 4)} figures` : null,
      links: {
        abs: `https://arxiv.org/abs/${p.id}v${version}`,
        pdf: `https://arxiv.org/pdf/${p.id}v${version}`,
        doi: doi ? `https://doi.org/${doi}` : null,
      },
      source: SOURCES[n % SOURCES.length],
      // One paper per work, as the real server gives it (src/json/paper_json.cpp): these are
      // arXiv-only papers, posted once and revised within the day.
      paper_id: 60 - n,
      identifiers: [{ scheme: "arxiv", value: p.id }, ...(doi ? [{ scheme: "doi", value: doi }] : [])],
      records: [{ source: SOURCES[n % SOURCES.length], source_id: p.id, fetched_at: `${date}T22:00:00Z` }],
      history: versionHistory(noPublished ? day(Math.floor(n / 3) - 1) : `${date}T${hour}:00:00Z`, version, SOURCES[n % SOURCES.length]),
      venue: null,
      venue_short: null,
      volume: null,
      issue: null,
      pages: null,
      publisher: null,
      type: "preprint",
      status: { retracted: false, corrected: false, concern: false, notices: [], updated: null },
    };
  });
}

/** Posted on arXiv at `first`, then versions 2..`version` an hour apart. */
function versionHistory(first, version, source) {
  const events = [{ date: first.slice(0, 10), kind: "posted", label: "arXiv", source }];
  for (let v = 2; v <= version; v++) {
    const date = new Date(Date.parse(first) + (v - 1) * 3600 * 1000).toISOString().slice(0, 10);
    events.push({ date, kind: "version", label: `v${v}`, source });
  }
  return events;
}

/** The 60 papers, newest first (published, else announced). */
export const PAPERS = build();
