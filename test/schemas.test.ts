/** schemas/ holds the JSON Schemas generated from the zod schemas; this fails when they drift (`vitest -u` regenerates). */
import { expect, it } from 'vitest';
import { z } from 'zod';
import { Overrides } from '../src/schema/overrides.js';
import { NoticeDocument } from '../src/schema/records.js';

const asFile = (schema: z.ZodType): string => JSON.stringify(z.toJSONSchema(schema, { io: 'input', target: 'draft-2020-12' }), undefined, 2) + '\n';

it('schemas/notice.schema.json is generated from the zod schemas', async () => {
  await expect(asFile(NoticeDocument)).toMatchFileSnapshot('../schemas/notice.schema.json');
});

it('schemas/overrides.schema.json is generated from the overrides schema', async () => {
  await expect(asFile(Overrides)).toMatchFileSnapshot('../schemas/overrides.schema.json');
});
