// The console's types come from the server's serializers (`ReturnType<typeof serializeX>`),
// never written twice. What the browser receives is their JSON: dates arrive as ISO strings.

/** A server value as it arrives over JSON: every `Date` in it, however deep, becomes a string. */
export type Jsonify<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? Jsonify<Item>[]
    : T extends object
      ? { [K in keyof T]: Jsonify<T[K]> }
      : T;
