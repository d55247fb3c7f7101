/**
 * One JSON Schema 2020-12 validator over an OpenAPI document's schemas (Ajv, a job for a
 * well-kept library): `verify` judges a live server's answers with it, and the package's own
 * contract tests judge the mock's and the examples' with it, so both read the contract alike.
 */
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import { addFormats } from "./formats.js";

type Node = Record<string, any>;

/** Where the document's components live for `$ref`s: schemas compiled here point into it. */
const documentId = "https://contract.local/openapi.json";

/**
 * Compiles schemas of `spec` (cached by key) and follows its local `$ref`s. Strict for our own
 * spec; DevRev's published one carries vendor keywords (`x-fern-*`), read with `strict: false`.
 *
 * @example
 * ```ts
 * const { compile } = contractSchemas(spec);
 * compile("error 401", spec.components.schemas["error-unauthorized"])({ type: "unauthenticated" }); // true
 * ```
 */
export function contractSchemas(spec: Node, { strict = true }: { strict?: boolean } = {}) {
  const ajv = new Ajv2020({ strict, allErrors: true });
  // OpenAPI's own keywords inside schemas are annotations for a JSON Schema validator.
  ajv.addVocabulary(["discriminator", "example", "components"]);
  // The formats the spec uses: OpenAPI's and DevRev's checked, any other taken as its type.
  addFormats(ajv, spec);
  ajv.addSchema({ $id: documentId, components: { schemas: spec.components?.schemas ?? {} } });
  const cache = new Map<string, ValidateFunction>();
  return {
    /** The validator of `schema`, compiled once per `key`. */
    compile(key: string, schema: object): ValidateFunction {
      let validate = cache.get(key);
      if (!validate) {
        // Local refs ("#/components/…") must point into the document added above.
        const rebased = JSON.parse(
          JSON.stringify(schema).replaceAll('"$ref":"#/', `"$ref":"${documentId}#/`),
        );
        validate = ajv.compile({
          $id: `https://contract.local/${encodeURIComponent(key)}`,
          ...rebased,
        });
        cache.set(key, validate);
      }
      return validate;
    },
    /** `node`, or what its `$ref` chain points to in `spec` (RFC 6901 pointers). */
    resolve(node: Node | undefined): Node | undefined {
      while (node?.$ref)
        node = (node.$ref as string)
          .slice(2)
          .split("/")
          .reduce<Node | undefined>(
            (at, part) => at?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
            spec,
          );
      return node;
    },
  };
}
