import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * Static files for the gateway to serve at `/`. `npm run dev -w @thidua/dashboard`
 * serves them with hot reload and forwards the API to a running `npm start`.
 */
export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: { '/graphql': 'http://localhost:4000', '/graphiql': 'http://localhost:4000' },
  },
});
