// Vite builds the browser client into dist/, which the hotel server serves
// at `/`. `npm run dev -w @futura/client` serves it with hot reload and
// forwards /ws to a hotel on 127.0.0.1:8080 (started with `npm start`).

import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // Pixi alone is about 500 kB minified; one chunk for it keeps the warning meaningful for the rest.
    chunkSizeWarningLimit: 900,
    rolldownOptions: {
      // @futura/sdk loads node:net only for tcp:// URLs, which browsers never use.
      external: ['node:net'],
      output: {
        manualChunks(id: string) {
          if (id.includes('node_modules/pixi.js') || id.includes('node_modules/@pixi')) {
            return 'pixi';
          }
          if (id.includes('node_modules/react')) {
            return 'react';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/ws': { target: 'ws://127.0.0.1:8080', ws: true },
    },
  },
});
