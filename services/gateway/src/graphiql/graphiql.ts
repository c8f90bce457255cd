import path from 'node:path';
import express, { type Router } from 'express';

function packageDir(name: string): string {
  return path.dirname(require.resolve(`${name}/package.json`));
}

const page = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>thidua · GraphiQL</title>
  <link rel="stylesheet" href="/graphiql/assets/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/assets/react.production.min.js"></script>
  <script src="/graphiql/assets/react-dom.production.min.js"></script>
  <script src="/graphiql/assets/graphiql.min.js"></script>
  <script src="/graphiql/start.js"></script>
</body>
</html>`;

// Reads need no token; for writes, put {"Authorization": "Bearer …"} in the headers tab.
const startScript = `
const fetcher = GraphiQL.createFetcher({ url: new URL('/graphql', location.href).toString() });
const defaultQuery = \`# thidua: Cluster 3 in 2019 — members and head
{
  cluster(id: "cum-3") {
    name
    season(year: 2019) {
      head { id name }
      members { id name code }
    }
  }
}
\`;
ReactDOM.createRoot(document.getElementById('graphiql')).render(
  React.createElement(GraphiQL, {
    fetcher,
    defaultQuery,
    shouldPersistHeaders: true,
  }),
);
`;

/**
 * A self-hosted GraphiQL: its scripts come from this server's node_modules,
 * so it works offline (Apollo Sandbox needs the internet).
 */
export function graphiqlRouter(): Router {
  const router = express.Router();
  const assets: Record<string, string> = {
    'graphiql.min.css': path.join(packageDir('graphiql'), 'graphiql.min.css'),
    'graphiql.min.js': path.join(packageDir('graphiql'), 'graphiql.min.js'),
    'react.production.min.js': path.join(packageDir('react'), 'umd', 'react.production.min.js'),
    'react-dom.production.min.js': path.join(packageDir('react-dom'), 'umd', 'react-dom.production.min.js'),
  };
  router.get('/', (_req, res) => {
    res.type('html').send(page);
  });
  router.get('/start.js', (_req, res) => {
    res.type('js').send(startScript);
  });
  router.get('/assets/:file', (req, res) => {
    const file = assets[req.params.file];
    if (!file) {
      res.sendStatus(404);
      return;
    }
    res.sendFile(file, { maxAge: '1d' });
  });
  return router;
}
