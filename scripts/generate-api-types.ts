import { writeFile } from 'node:fs/promises';
import { GENERATED_TYPES_FILE, generateApiTypes } from '@/server/testing/api-client/generate-api-types.ts';

// Regenerates the REST API's client types after a procedure's schema or OpenAPI meta changed.
await writeFile(GENERATED_TYPES_FILE, await generateApiTypes());
console.log(`wrote ${GENERATED_TYPES_FILE}`);
