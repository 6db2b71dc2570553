#include "corpus/tables.h"

#include <array>

namespace ah::bench {
namespace {

// Shares are rough percentages of primary submissions in recent years (arXiv's own monthly
// statistics), rounded; only their ratios matter.
constexpr Category kCategories[] = {
    {"cs.LG", 7.0}, {"cs.CV", 6.5}, {"cs.CL", 4.5}, {"quant-ph", 4.0}, {"hep-ph", 3.5},
    {"hep-th", 3.0}, {"cond-mat.mtrl-sci", 2.8}, {"cs.AI", 2.5}, {"cond-mat.mes-hall", 2.3},
    {"astro-ph.GA", 2.2}, {"cond-mat.str-el", 1.8}, {"astro-ph.SR", 1.8}, {"astro-ph.CO", 1.8},
    {"gr-qc", 1.8}, {"math.CO", 1.7}, {"astro-ph.HE", 1.6}, {"math.AP", 1.6}, {"math.OC", 1.5},
    {"cs.RO", 1.5}, {"cond-mat.stat-mech", 1.5}, {"math.PR", 1.4}, {"math.NA", 1.3},
    {"cs.CR", 1.3}, {"physics.optics", 1.3}, {"cs.IT", 1.2}, {"math.AG", 1.1}, {"stat.ME", 1.1},
    {"math.NT", 1.0}, {"stat.ML", 1.0}, {"eess.SP", 1.0}, {"cond-mat.soft", 1.0},
    {"physics.flu-dyn", 1.0}, {"math.DG", 0.9}, {"math-ph", 0.9}, {"eess.SY", 0.9},
    {"cond-mat.supr-con", 0.9}, {"astro-ph.EP", 0.8}, {"astro-ph.IM", 0.8}, {"hep-ex", 0.8},
    {"nucl-th", 0.8}, {"cs.DS", 0.8}, {"cs.SE", 0.8}, {"eess.IV", 0.7}, {"physics.app-ph", 0.7},
    {"cs.DC", 0.7}, {"cs.HC", 0.7}, {"math.DS", 0.7}, {"math.FA", 0.7}, {"cond-mat.quant-gas", 0.6},
    {"physics.chem-ph", 0.6}, {"cs.NI", 0.6}, {"cs.IR", 0.6}, {"math.GR", 0.6}, {"eess.AS", 0.5},
    {"physics.comp-ph", 0.5}, {"physics.atom-ph", 0.5}, {"physics.plasm-ph", 0.5},
    {"physics.ins-det", 0.5}, {"hep-lat", 0.5}, {"cs.LO", 0.5}, {"cs.CY", 0.5}, {"math.RT", 0.5},
    {"math.ST", 0.5}, {"stat.AP", 0.5}, {"cond-mat.dis-nn", 0.4}, {"physics.soc-ph", 0.4},
    {"nucl-ex", 0.4}, {"cs.SI", 0.4}, {"math.CA", 0.4}, {"math.GT", 0.4}, {"cond-mat.other", 0.3},
    {"physics.bio-ph", 0.3}, {"physics.gen-ph", 0.3}, {"physics.acc-ph", 0.3},
    {"physics.ao-ph", 0.3}, {"physics.med-ph", 0.3}, {"cs.GT", 0.3}, {"cs.NE", 0.3},
    {"cs.DB", 0.3}, {"cs.PL", 0.3}, {"cs.SD", 0.3}, {"math.AC", 0.3}, {"math.AT", 0.3},
    {"math.CV", 0.3}, {"math.LO", 0.3}, {"math.OA", 0.3}, {"math.QA", 0.3}, {"math.RA", 0.3},
    {"stat.TH", 0.3}, {"nlin.CD", 0.3}, {"physics.geo-ph", 0.2}, {"physics.space-ph", 0.2},
    {"physics.class-ph", 0.2}, {"physics.data-an", 0.2}, {"cs.MA", 0.2}, {"cs.CC", 0.2},
    {"cs.CG", 0.2}, {"cs.DM", 0.2}, {"cs.GR", 0.2}, {"cs.NA", 0.2}, {"math.CT", 0.2},
    {"math.SG", 0.2}, {"stat.CO", 0.2}, {"nlin.PS", 0.2}, {"q-bio.NC", 0.2}, {"cs.AR", 0.15},
    {"cs.CE", 0.15}, {"math.MG", 0.15}, {"math.SP", 0.15}, {"nlin.SI", 0.15}, {"q-bio.PE", 0.15},
    {"q-bio.QM", 0.15}, {"econ.EM", 0.15}, {"physics.hist-ph", 0.1}, {"cs.FL", 0.1},
    {"cs.ET", 0.1}, {"cs.MM", 0.1}, {"cs.SY", 0.1}, {"math.GM", 0.1}, {"math.GN", 0.1},
    {"math.HO", 0.1}, {"nlin.AO", 0.1}, {"q-bio.BM", 0.1}, {"econ.GN", 0.1}, {"econ.TH", 0.1},
    {"physics.ed-ph", 0.08}, {"q-bio.GN", 0.08}, {"q-bio.MN", 0.06}, {"physics.pop-ph", 0.05},
    {"physics.atm-clus", 0.05}, {"cs.MS", 0.05}, {"cs.PF", 0.05}, {"cs.SC", 0.05},
    {"cs.DL", 0.05}, {"math.KT", 0.05}, {"q-fin.MF", 0.05}, {"q-bio.CB", 0.04},
    {"q-bio.TO", 0.04}, {"q-fin.GN", 0.04}, {"q-fin.TR", 0.04}, {"cs.OS", 0.03}, {"cs.OH", 0.03},
    {"nlin.CG", 0.03}, {"q-bio.OT", 0.03}, {"q-bio.SC", 0.03}, {"q-fin.CP", 0.03},
    {"q-fin.PM", 0.03}, {"q-fin.RM", 0.03}, {"q-fin.ST", 0.03}, {"stat.OT", 0.03},
    {"q-fin.EC", 0.02}, {"q-fin.PR", 0.02}, {"cs.GL", 0.01},
};

constexpr Name kFirstNames[] = {
    {"Wei", "Wei"}, {"Yang", "Yang"}, {"Jing", "Jing"}, {"Xiaoming", "Xiaoming"},
    {"Hao", "Hao"}, {"Yu", "Yu"}, {"Jun", "Jun"}, {"Lei", "Lei"}, {"Min", "Min"},
    {"Hiroshi", "Hiroshi"}, {"Takashi", "Takashi"}, {"Yuki", "Yuki"}, {"Ji-Hoon", "Ji-Hoon"},
    {"Seung", "Seung"}, {"Rahul", "Rahul"}, {"Priya", "Priya"}, {"Amit", "Amit"},
    {"Sanjay", "Sanjay"}, {"Ananya", "Ananya"}, {"Michael", "Michael"}, {"David", "David"},
    {"John", "John"}, {"James", "James"}, {"Robert", "Robert"}, {"Sarah", "Sarah"},
    {"Emily", "Emily"}, {"Jennifer", "Jennifer"}, {"Daniel", "Daniel"}, {"Thomas", "Thomas"},
    {"Alexander", "Alexander"}, {"Andrea", "Andrea"}, {"Marco", "Marco"}, {"Giulia", "Giulia"},
    {"Luca", "Luca"}, {"Francesca", "Francesca"}, {"Pierre", "Pierre"}, {"Julien", "Julien"},
    {"Camille", "Camille"}, {"Stefan", "Stefan"}, {"Martin", "Martin"}, {"Anna", "Anna"},
    {"Maria", "Maria"}, {"Elena", "Elena"}, {"Ivan", "Ivan"}, {"Sergey", "Sergey"},
    {"Dmitry", "Dmitry"}, {"Olga", "Olga"}, {"Alexey", "Alexey"}, {"Pavel", "Pavel"},
    {"Piotr", "Piotr"}, {"Katarzyna", "Katarzyna"}, {"Carlos", "Carlos"}, {"Juan", "Juan"},
    {"Ana", "Ana"}, {"Pedro", "Pedro"}, {"Ahmed", "Ahmed"}, {"Mohammad", "Mohammad"},
    {"Ali", "Ali"}, {"Fatemeh", "Fatemeh"}, {"Mehmet", "Mehmet"}, {"Lars", "Lars"},
    {"Erik", "Erik"}, {"Ingrid", "Ingrid"}, {"Peter", "Peter"}, {"Paul", "Paul"},
    {"Louis", "Louis"}, {"Christian", "Christian"}, {"Markus", "Markus"}, {"Tobias", "Tobias"},
    {"Nicholas", "Nicholas"}, {"Laura", "Laura"}, {"Sophie", "Sophie"}, {"Hannah", "Hannah"},
    {"Kevin", "Kevin"}, {"Brian", "Brian"}, {"Chen", "Chen"}, {"Zhi", "Zhi"}, {"Ming", "Ming"},
    {R"(G\"unther)", "Günther"}, {R"(J\"urgen)", "Jürgen"}, {R"(Bj\"orn)", "Björn"},
    {R"(S{\o}ren)", "Søren"}, {R"(Ren\'e)", "René"}, {R"(Andr\'e)", "André"},
    {R"(J\'er\^ome)", "Jérôme"}, {R"(H\'el\`ene)", "Hélène"}, {R"(C\'eline)", "Céline"},
    {R"(Fran\c{c}ois)", "François"}, {R"(Fran\c{c}oise)", "Françoise"}, {R"(Jos\'e)", "José"},
    {R"(Jo\~ao)", "João"}, {R"(Ant\'onio)", "António"}, {R"({\L}ukasz)", "Łukasz"},
    {R"(Zolt\'an)", "Zoltán"}, {R"(Istv\'an)", "István"}, {R"(P\'eter)", "Péter"},
    {R"(G\'abor)", "Gábor"}, {R"(Ji\v{r}\'i)", "Jiří"}, {R"(Tom\'a\v{s})", "Tomáš"},
    {R"(Du\v{s}an)", "Dušan"}, {R"(Milo\v{s})", "Miloš"}, {R"(Ra\'ul)", "Raúl"},
    {R"(In\'es)", "Inés"}, {R"(\"Ozg\"ur)", "Özgür"},
};

constexpr Name kSurnames[] = {
    {"Wang", "Wang"}, {"Li", "Li"}, {"Zhang", "Zhang"}, {"Liu", "Liu"}, {"Chen", "Chen"},
    {"Yang", "Yang"}, {"Huang", "Huang"}, {"Zhao", "Zhao"}, {"Wu", "Wu"}, {"Zhou", "Zhou"},
    {"Xu", "Xu"}, {"Sun", "Sun"}, {"Ma", "Ma"}, {"Zhu", "Zhu"}, {"Hu", "Hu"}, {"Guo", "Guo"},
    {"Lin", "Lin"}, {"He", "He"}, {"Gao", "Gao"}, {"Luo", "Luo"}, {"Kim", "Kim"}, {"Lee", "Lee"},
    {"Park", "Park"}, {"Choi", "Choi"}, {"Tanaka", "Tanaka"}, {"Suzuki", "Suzuki"},
    {"Sato", "Sato"}, {"Watanabe", "Watanabe"}, {"Yamamoto", "Yamamoto"}, {"Nakamura", "Nakamura"},
    {"Kumar", "Kumar"}, {"Singh", "Singh"}, {"Sharma", "Sharma"}, {"Gupta", "Gupta"},
    {"Patel", "Patel"}, {"Das", "Das"}, {"Chatterjee", "Chatterjee"}, {"Banerjee", "Banerjee"},
    {"Smith", "Smith"}, {"Johnson", "Johnson"}, {"Williams", "Williams"}, {"Brown", "Brown"},
    {"Jones", "Jones"}, {"Miller", "Miller"}, {"Davis", "Davis"}, {"Wilson", "Wilson"},
    {"Anderson", "Anderson"}, {"Taylor", "Taylor"}, {"Thomas", "Thomas"}, {"Moore", "Moore"},
    {"Martin", "Martin"}, {"Jackson", "Jackson"}, {"White", "White"}, {"Harris", "Harris"},
    {"Clark", "Clark"}, {"Lewis", "Lewis"}, {"Walker", "Walker"}, {"Hall", "Hall"},
    {"Young", "Young"}, {"King", "King"}, {"Wright", "Wright"}, {"Scott", "Scott"},
    {"Green", "Green"}, {"Baker", "Baker"}, {"Adams", "Adams"}, {"Nelson", "Nelson"},
    {"Campbell", "Campbell"}, {"Mitchell", "Mitchell"}, {"Roberts", "Roberts"},
    {"Rossi", "Rossi"}, {"Russo", "Russo"}, {"Ferrari", "Ferrari"}, {"Esposito", "Esposito"},
    {"Bianchi", "Bianchi"}, {"Romano", "Romano"}, {"Ricci", "Ricci"}, {"Bernard", "Bernard"},
    {"Dubois", "Dubois"}, {"Moreau", "Moreau"}, {"Laurent", "Laurent"}, {"Lefebvre", "Lefebvre"},
    {"Schmidt", "Schmidt"}, {"Schneider", "Schneider"}, {"Fischer", "Fischer"},
    {"Weber", "Weber"}, {"Meyer", "Meyer"}, {"Wagner", "Wagner"}, {"Becker", "Becker"},
    {"Hoffmann", "Hoffmann"}, {"Koch", "Koch"}, {"Ivanov", "Ivanov"}, {"Smirnov", "Smirnov"},
    {"Kuznetsov", "Kuznetsov"}, {"Popov", "Popov"}, {"Petrov", "Petrov"}, {"Volkov", "Volkov"},
    {"Kowalski", "Kowalski"}, {"Nowak", "Nowak"}, {"Jensen", "Jensen"}, {"Nielsen", "Nielsen"},
    {"Hansen", "Hansen"}, {"Larsen", "Larsen"}, {"Andersson", "Andersson"},
    {"Johansson", "Johansson"}, {"Karlsson", "Karlsson"}, {"Silva", "Silva"},
    {"Santos", "Santos"}, {"Oliveira", "Oliveira"}, {"Costa", "Costa"}, {"Cohen", "Cohen"},
    {"Levi", "Levi"}, {"Hosseini", "Hosseini"}, {"Ahmadi", "Ahmadi"}, {"Khan", "Khan"},
    {"Nguyen", "Nguyen"}, {"Tran", "Tran"}, {"Pham", "Pham"}, {"Murphy", "Murphy"},
    {"Kelly", "Kelly"}, {"O'Brien", "O'Brien"}, {"van der Berg", "van der Berg"},
    {"de Vries", "de Vries"}, {"Jansen", "Jansen"}, {"Peeters", "Peeters"},
    {"Nadolsky", "Nadolsky"}, {"Streinu", "Streinu"}, {"Torchinsky", "Torchinsky"},
    {R"(Bal\'azs)", "Balázs"}, {R"(M\"uller)", "Müller"}, {R"(Schr\"oder)", "Schröder"},
    {R"(Garc\'ia)", "García"}, {R"(L\'opez)", "López"}, {R"(Mart\'inez)", "Martínez"},
    {R"(Rodr\'iguez)", "Rodríguez"}, {R"(P\'erez)", "Pérez"}, {R"(S\'anchez)", "Sánchez"},
    {R"(G\'omez)", "Gómez"}, {R"(Fern\'andez)", "Fernández"}, {R"(Gonz\'alez)", "González"},
    {R"(Hern\'andez)", "Hernández"}, {R"(\v{S}r\'amek)", "Šrámek"},
    {R"(Dvo\v{r}\'ak)", "Dvořák"},
    {R"(Nov\'ak)", "Novák"}, {R"({\O}bro)", "Øbro"}, {R"(J{\o}rgensen)", "Jørgensen"},
    {R"(Erd\H{o}s)", "Erdős"}, {R"(Kov\'acs)", "Kovács"}, {R"(T\'oth)", "Tóth"},
    {R"(Wei{\ss})", "Weiß"}, {R"(B\"ohm)", "Böhm"}, {R"(K\"onig)", "König"},
    {R"(Wi\'sniewski)", "Wiśniewski"}, {R"(Jab{\l}o\'nski)", "Jabłoński"},
    {R"(\c{C}elik)", "Çelik"}, {R"(\"Ozt\"urk)", "Öztürk"}, {R"(Y{\i}lmaz)", "Yılmaz"},
    {R"(Ni\~no)", "Niño"}, {R"(Pe\~na)", "Peña"}, {R"(Ib\'a\~nez)", "Ibáñez"},
    {R"(Gon\c{c}alves)", "Gonçalves"}, {R"(Sch\"afer)", "Schäfer"}, {R"(H\"anggi)", "Hänggi"},
    {R"(Fr\"ohlich)", "Fröhlich"}, {R"(Str\"om)", "Ström"}, {R"(\AA{}str\"om)", "Åström"},
    {R"(Nikoli\'c)", "Nikolić"}, {R"(Petrovi\'c)", "Petrović"}, {R"(Vina\v{r})", "Vinař"},
};

constexpr std::string_view kAffiliations[] = {
    "Oxford", "Princeton", "MIT", "CERN", "Caltech", "DESY", "KEK", "Fermilab",
    "Stanford University", "Harvard University", "University of Tokyo", "Tsinghua University",
    "Peking University", "ETH Zurich", "EPFL", "Max Planck Institute for Physics",
    "Perimeter Institute", "IHES", "INFN, Sezione di Roma", "Weizmann Institute of Science",
    "University of Cambridge", "Imperial College London", "Sorbonne Universite", "LIGO Laboratory",
    "Serpukhov, IHEP", "Radboud Universiteit", "Seoul National University", "IISc Bangalore",
    "University of Toronto", "Google Research", "Microsoft Research", "Meta AI",
};

constexpr Journal kJournals[] = {
    {"Phys. Rev. D", "10.1103/PhysRevD.{vol}.{page}"},
    {"Phys. Rev. Lett.", "10.1103/PhysRevLett.{vol}.{page}"},
    {"Phys. Rev. B", "10.1103/PhysRevB.{vol}.{page}"},
    {"Phys. Rev. A", "10.1103/PhysRevA.{vol}.{page}"},
    {"Phys. Rev. E", "10.1103/PhysRevE.{vol}.{page}"},
    {"JHEP", "10.1007/JHEP{mm}({year}){num}"},
    {"Astrophys. J.", "10.3847/1538-4357/ab{num}"},
    {"Mon. Not. Roy. Astron. Soc.", "10.1093/mnras/stz{num}"},
    {"Astron. Astrophys.", "10.1051/0004-6361/{year}{num}"},
    {"Phys. Lett. B", "10.1016/j.physletb.{year}.{mm}.{num}"},
    {"Nucl. Phys. B", "10.1016/j.nuclphysb.{year}.{mm}.{num}"},
    {"Eur. Phys. J. C", "10.1140/epjc/s10052-0{yy}-{num}-2"},
    {"Class. Quant. Grav.", "10.1088/0264-9381/{vol}/{mm}/{num}"},
    {"J. Math. Phys.", "10.1063/1.{num}"},
    {"Commun. Math. Phys.", "10.1007/s00220-0{yy}-{num}-1"},
    {"J. Stat. Mech.", "10.1088/1742-5468/{year}/{mm}/P{num}"},
    {"New J. Phys.", "10.1088/1367-2630/{vol}/{mm}/{num}"},
    {"Nature Physics", "10.1038/s41567-0{yy}-{num}-x"},
    {"Quantum", "10.22331/q-{year}-{mm}-{num}"},
    {"IEEE Trans. Inf. Theory", "10.1109/TIT.{year}.{num}"},
    {"Ann. Probab.", "10.1214/{yy}-AOP{num}"},
    {"Adv. Math.", "10.1016/j.aim.{year}.{num}"},
    {"Proc. Amer. Math. Soc.", "10.1090/proc/{num}"},
    {"Illinois J. Math.", "10.1215/ijm/{num}"},
    {"J. Mach. Learn. Res.", "10.5555/{num}.{page}"},
};

constexpr std::string_view kVenues[] = {
    "NeurIPS", "ICML", "ICLR", "CVPR", "ICCV", "ECCV", "ACL", "EMNLP", "NAACL", "AAAI", "IJCAI",
    "KDD", "SIGIR", "WWW", "ICRA", "IROS", "STOC", "FOCS", "SODA", "CHI", "ISIT", "ICASSP",
    "Interspeech", "QIP", "TQC", "MICCAI", "COLT", "UAI", "AISTATS", "LICS",
};

constexpr std::string_view kLicenses[] = {
    "http://arxiv.org/licenses/nonexclusive-distrib/1.0/",
    "http://creativecommons.org/licenses/by/4.0/",
    "http://creativecommons.org/licenses/by-nc-nd/4.0/",
    "http://creativecommons.org/licenses/by-sa/4.0/",
    "http://creativecommons.org/licenses/by-nc-sa/4.0/",
    "http://creativecommons.org/publicdomain/zero/1.0/",
    "http://creativecommons.org/licenses/by/3.0/",
};

constexpr std::string_view kMath[] = {
    R"($\alpha$)", R"($\beta$)", R"($\gamma$-ray)", R"($O(n\log n)$)", R"($(k,\ell)$)",
    R"($\mathcal{N}=4$)", R"($T_c$)", R"($10^{-3}$)", R"($\sqrt{s}=13$ TeV)", R"($L^2$)",
    R"($H^p(R^N)$)", R"($\Lambda_{\alpha}$)", R"($z \sim 2$)", R"($\epsilon$-approximate)",
    R"($SU(N)$)", R"($d=3$)", R"($\mathbb{R}^n$)", R"($p<0.05$)", R"($\chi^2$)",
    R"($\Delta E$)", R"($\lambda \to 0$)", R"($n \geq 2$)", R"($\ell_1$)", R"($k_F a$)",
    R"($O(1/\sqrt{N})$)", R"($\tau$)", R"($\mu$m)", R"($\pi^0$)", R"($B \to K^* \mu^+ \mu^-$)",
    R"($\Omega_m = 0.3$)", R"($M_\odot$)", R"($\hbar\omega$)", R"($\mathrm{GL}_n$)",
    R"($\nabla \cdot u = 0$)", R"($f(R)$)", R"($\theta$)", R"($\sigma_8$)", R"($\sim 10\%$)",
};

}  // namespace

std::span<const Category> categories() { return kCategories; }

std::string_view archive_of(std::string_view category) {
  const auto dot = category.find('.');
  return dot == std::string_view::npos ? category : category.substr(0, dot);
}

std::string_view set_spec_of(std::string_view category) {
  const std::string_view archive = archive_of(category);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kPhysics = {{
      {"astro-ph", "physics:astro-ph"}, {"cond-mat", "physics:cond-mat"},
      {"gr-qc", "physics:gr-qc"}, {"hep-ex", "physics:hep-ex"}, {"hep-lat", "physics:hep-lat"},
      {"hep-ph", "physics:hep-ph"}, {"hep-th", "physics:hep-th"}, {"math-ph", "physics:math-ph"},
      {"nlin", "physics:nlin"}, {"nucl-ex", "physics:nucl-ex"}, {"nucl-th", "physics:nucl-th"},
      {"physics", "physics:physics"}, {"quant-ph", "physics:quant-ph"},
  }};
  for (const auto& [a, spec] : kPhysics) {
    if (a == archive) return spec;
  }
  return archive;  // cs, math, stat, q-bio, q-fin, eess, econ
}

std::span<const Name> first_names() { return kFirstNames; }
std::span<const Name> surnames() { return kSurnames; }
std::span<const std::string_view> affiliations() { return kAffiliations; }
std::span<const Journal> journals() { return kJournals; }
std::span<const std::string_view> venues() { return kVenues; }
std::span<const std::string_view> licenses() { return kLicenses; }
std::span<const std::string_view> math_snippets() { return kMath; }

}  // namespace ah::bench
