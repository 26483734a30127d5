import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

import ajvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

import { BotError, ConfigError, ErrorCodes } from '../errors.js';

/**
 * The Teams app manifest schema 1.25 as kept in the shared references beside the project root.
 * The package builds offline, so the schema is read from disk instead of its `$schema` URL.
 */
export const DEFAULT_MANIFEST_SCHEMA_PATH = fileURLToPath(
  new URL('../../../shared/schemas/teams-manifest-1.25.schema.json', import.meta.url),
);

/**
 * One way in which a manifest breaks the schema, e.g.
 * `/bots/0/commandLists/0 must NOT have more than 12 items`.
 */
export type ManifestProblem = string;

/** Checks a parsed manifest and lists every problem; an empty list means it is valid. */
export type ManifestValidator = (manifest: unknown) => ManifestProblem[];

/**
 * Compiles a draft-04 validator for a Teams app manifest schema.
 *
 * @param schemaPath defaults to {@link DEFAULT_MANIFEST_SCHEMA_PATH}.
 * @throws ConfigError when the schema file cannot be read or parsed.
 */
export async function createManifestValidator(
  schemaPath: string = DEFAULT_MANIFEST_SCHEMA_PATH,
): Promise<ManifestValidator> {
  const schema = await readSchema(schemaPath);

  // Microsoft's schema is not written for strict mode (keywords without their type), and some
  // patterns escape letters such as `\a` that only parse without the regex `u` flag.
  // Both packages are CommonJS; under NodeNext their classes sit on the `default` export.
  const ajv = new ajvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
  ajvFormats.default(ajv);
  const validate = ajv.compile(schema);

  return (manifest) => {
    if (validate(manifest)) {
      return [];
    }

    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message ?? 'is invalid'}`,
    );
  };
}

/**
 * Throws unless the manifest passes the validator.
 *
 * @throws BotError with code `MANIFEST_INVALID` listing every problem.
 */
export function assertValidManifest(manifest: unknown, validate: ManifestValidator): void {
  const problems = validate(manifest);
  if (problems.length === 0) {
    return;
  }

  throw new BotError(
    ErrorCodes.ManifestInvalid,
    `The Teams app manifest does not match the schema:\n- ${problems.join('\n- ')}`,
  );
}

async function readSchema(schemaPath: string): Promise<object> {
  try {
    return JSON.parse(await readFile(schemaPath, 'utf8')) as object;
  } catch (cause) {
    throw new ConfigError(
      `Cannot read the Teams manifest schema at ${schemaPath}; the shared references must sit ` +
        'beside the project as ../shared.',
      { cause },
    );
  }
}
