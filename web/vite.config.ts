// Builds the home page into dist/ with relative asset URLs (the C++ server may mount it under a prefix).
// KaTeX's stylesheet lists each font as woff2, woff and ttf; every browser we target reads woff2, so the
// other two are dropped and never copied into dist/.
import { defineConfig, type Plugin } from "vite";

function katexWoff2Only(): Plugin {
  return {
    name: "academichub-katex-woff2-only",
    enforce: "pre",
    transform(code, id) {
      if (!/katex(\.min)?\.css$/.test(id.split("?")[0])) return null;
      const stripped = code.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)/g, "");
      return { code: stripped, map: null };
    },
  };
}

export default defineConfig({
  base: "./",
  plugins: [katexWoff2Only()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    assetsInlineLimit: 0,
    reportCompressedSize: true,
  },
  server: {
    proxy: {
      "/api": process.env.AH_API_PROXY ?? "http://127.0.0.1:8787",
    },
  },
});
