// Conversion between plain JavaScript values and google.protobuf.Value / Struct as @grpc/proto-loader shapes them.

const NULL_VALUE = Object.freeze({ nullValue: 'NULL_VALUE' });

/** A JSON-like JavaScript value as a google.protobuf.Value. */
export function toValue(value) {
  switch (typeof value) {
    case 'string': return { stringValue: value };
    case 'number': return { numberValue: value };
    case 'boolean': return { boolValue: value };
    case 'bigint': return { numberValue: Number(value) };
    case 'object':
      if (value === null) return NULL_VALUE;
      if (Array.isArray(value)) return { listValue: { values: value.map(toValue) } };
      if (typeof value.toJSON === 'function') return toValue(value.toJSON());
      return { structValue: toStruct(value) };
    default: // undefined, functions, symbols: what JSON.stringify would drop inside an array
      return NULL_VALUE;
  }
}

/** A plain object as a google.protobuf.Struct (keys whose value is undefined are left out, as in JSON). */
export function toStruct(object) {
  const fields = {};
  for (const key of Object.keys(object)) {
    const value = object[key];
    if (value !== undefined && typeof value !== 'function') fields[key] = toValue(value);
  }
  return { fields };
}

/** A google.protobuf.Value (as decoded) as a plain JavaScript value. */
export function fromValue(value) {
  if (value == null) return null;
  switch (value.kind) {
    case 'stringValue': return value.stringValue;
    case 'numberValue': return value.numberValue;
    case 'boolValue': return value.boolValue;
    case 'structValue': return fromStruct(value.structValue);
    case 'listValue': return (value.listValue?.values ?? []).map(fromValue);
    default: return null;
  }
}

/** A google.protobuf.Struct (as decoded) as a plain object; null stays null. */
export function fromStruct(struct) {
  if (struct == null) return null;
  const object = {};
  const fields = struct.fields ?? {};
  for (const key of Object.keys(fields)) object[key] = fromValue(fields[key]);
  return object;
}
