/** schemas/ holds the JSON Schema generated from the zod schemas; this fails when they drift (`vitest -u` regenerates). */
import { expect, it } from 'vitest';
import { z } from 'zod';
import { NoticeDocument } from '../src/schema/records.js';

it('schemas/notice.schema.json is generated from the zod schemas', async () => {
  const schema = z.toJSONSchema(NoticeDocument, { io: 'input', target: 'draft-2020-12' });
  await expect(JSON.stringify(schema, undefined, 2) + '\n').toMatchFileSnapshot('../schemas/notice.schema.json');
});
