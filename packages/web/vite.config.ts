import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'

/** The dashboard build: `npm run build:web` (npm start runs it when dist/ is missing or stale). */
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Pages are lazy routes; echarts lands in the chart chunk, which only chart pages load.
    chunkSizeWarningLimit: 800,
    reportCompressedSize: true,
  },
  server: {
    // `npx vite packages/web` during development, against a running `touchstone serve`.
    proxy: { '/api': 'http://127.0.0.1:3000', '/docs': 'http://127.0.0.1:3000' },
  },
})
