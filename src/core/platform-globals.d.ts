/**
 * The few platform globals src/core uses, declared by hand because its tsconfig
 * (./tsconfig.json) has no DOM, no browser and no Node types: whatever is not declared here
 * (document, Element, navigator, chrome, console...) fails `npm run typecheck` in core.
 *
 * Each is a subset of the WHATWG interface that every place core runs provides alike: the content
 * script, the background, the extension pages and Node. Add a member only when core needs it, and
 * only one all of them have. The rest of the project sees the full types from lib.dom and @types/node
 * instead (the root tsconfig leaves this file out: the two declarations would clash).
 */

/** https://url.spec.whatwg.org/#url-class */
interface URL {
  readonly href: string;
  readonly origin: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly port: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
  toString(): string;
  toJSON(): string;
}

declare const URL: {
  readonly prototype: URL;
  /** Throws a TypeError for text that is not a URL (or not an absolute one, without `base`). */
  new (url: string | URL, base?: string | URL): URL;
};

/** https://encoding.spec.whatwg.org/#interface-textencoder: always UTF-8. */
interface TextEncoder {
  readonly encoding: string;
  encode(input?: string): Uint8Array<ArrayBuffer>;
}

declare const TextEncoder: {
  readonly prototype: TextEncoder;
  new (): TextEncoder;
};

/** https://encoding.spec.whatwg.org/#interface-textdecoder */
interface TextDecoder {
  readonly encoding: string;
  decode(input?: ArrayBufferView | ArrayBuffer, options?: { stream?: boolean }): string;
}

declare const TextDecoder: {
  readonly prototype: TextDecoder;
  new (label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean }): TextDecoder;
};
