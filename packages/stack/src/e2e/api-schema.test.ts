import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { buildSchema, printSchema } from 'graphql';
import { apiSchemaFile, apiSchemaOf, composeSupergraph, subgraphSdls } from '../schema.js';

/** Both sides go through graphql-js, so only meaning counts, not Prettier's layout of the file. */
const normalise = (sdl: string) => printSchema(buildSchema(sdl));

describe('services/gateway/api.graphql (the public API the dashboard is typed against)', () => {
  test('matches the API schema composed from the code; run `npm run compose` when this fails', async () => {
    const composed = printSchema(apiSchemaOf(composeSupergraph(await subgraphSdls())));
    expect(normalise(readFileSync(apiSchemaFile, 'utf8'))).toBe(composed);
  });

  test('holds only what clients see: no federation machinery', () => {
    const text = readFileSync(apiSchemaFile, 'utf8');
    expect(text).not.toMatch(/join__|link__|@link|@join__|_Entity|_service/);
    const schema = buildSchema(text);
    expect(schema.getQueryType()?.getFields()).toHaveProperty('clusters');
    expect(schema.getQueryType()?.getFields()).not.toHaveProperty('_entities');
  });
});
