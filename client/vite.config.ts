import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

export default defineConfig({
  plugins: [react()],
  server: {
    // The API and its WebSocket share one path, as in production where the server serves this build.
    proxy: { "/graphql": { target: "http://localhost:4000", ws: true } },
  },
});
