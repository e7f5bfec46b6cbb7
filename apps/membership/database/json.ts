/**
 * A jsonb object as stored: values that came from JSON and go back to it. Nested values are typed
 * as plain `object`: a recursive JSON type sends TypeORM's deep-partial typings into infinite depth.
 */
export type JsonObject = { [key: string]: string | number | boolean | null | object };
