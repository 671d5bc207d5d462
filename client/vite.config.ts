import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { earlyBoardScript } from "./src/features/board/early-board";

/** index.html's early board request (src/features/board/early-board.ts), before the app's script. */
function earlyBoard(): Plugin {
  return {
    name: "leadline-early-board",
    transformIndexHtml: () => [{ tag: "script", children: earlyBoardScript(), injectTo: "head-prepend" }],
  };
}

export default defineConfig({
  plugins: [react(), earlyBoard()],
  server: {
    // The API and its WebSocket share one path, as in production where the server serves this build;
    // /api is the REST API (the CSV import streams its file there).
    proxy: { "/graphql": { target: "http://localhost:4000", ws: true }, "/api": "http://localhost:4000" },
  },
});
