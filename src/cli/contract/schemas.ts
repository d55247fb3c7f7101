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
 * The keywords OpenAPI 3.1 adds to a Schema Object (section 4.8.24) that assert nothing: a JSON
 * Schema validator must take them as annotations.
 */
export const openApiAnnotations = ["discriminator", "xml", "externalDocs", "example"] as const;

// Ajv's rule for a keyword's name; a vendor key it could not register is not one a schema uses.
const keywordName = /^[a-z_$][a-z0-9_$:-]*$/i;

/**
 * Every specification extension (`x-…`, OpenAPI 3.1 section 4.9) named anywhere in `node`:
 * DevRev's `x-fern-*` and `x-go-name`, and whatever a maintainer copies next. They annotate.
 */
export function vendorKeywords(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) for (const item of node) vendorKeywords(item, found);
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith("x-") && keywordName.test(key)) found.add(key);
      vendorKeywords(value, found);
    }
  }
  return found;
}

/**
 * Compiles schemas of `spec` (cached by key) and follows its local `$ref`s. Strict (an unknown
 * keyword is an error, not silently ignored), with OpenAPI's annotation keywords and every
 * vendor extension the spec carries known as annotations. `strict: false` reads a document with
 * anything else (DevRev's published spec, say).
 *
 * @example
 * ```ts
 * const { compile } = contractSchemas(spec);
 * compile("error 401", spec.components.schemas["error-unauthorized"])({ type: "unauthenticated" }); // true
 * ```
 */
export function contractSchemas(spec: Node, { strict = true }: { strict?: boolean } = {}) {
  const ajv = new Ajv2020({ strict, allErrors: true });
  // OpenAPI's own keywords and vendor extensions inside schemas are annotations for a JSON
  // Schema validator; `components` is the container the document's schemas are added under.
  ajv.addVocabulary([...openApiAnnotations, ...vendorKeywords(spec), "components"]);
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
