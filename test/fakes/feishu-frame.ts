/**
 * The long connection's frame (pbbp2.Frame), encoded and decoded by hand for the fake Feishu:
 * 1 SeqID uint64, 2 LogID uint64, 3 service int32, 4 method int32 (0 control, 1 data),
 * 5 headers repeated { 1 key, 2 value }, 6 payloadEncoding, 7 payloadType, 8 payload bytes, 9 LogIDNew.
 */
export interface FeishuFrame {
  readonly seqId: number;
  readonly logId: number;
  readonly service: number;
  readonly method: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: Uint8Array;
}

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

const tag = (field: number, wireType: number) => varint(field * 8 + wireType);
const lengthDelimited = (field: number, bytes: Uint8Array | number[]) => [...tag(field, 2), ...varint(bytes.length), ...bytes];
const utf8 = (text: string) => [...Buffer.from(text, "utf8")];

export function encodeFrame(frame: FeishuFrame): Buffer {
  const bytes: number[] = [...tag(1, 0), ...varint(frame.seqId), ...tag(2, 0), ...varint(frame.logId), ...tag(3, 0), ...varint(frame.service), ...tag(4, 0), ...varint(frame.method)];
  for (const [key, value] of Object.entries(frame.headers)) bytes.push(...lengthDelimited(5, [...lengthDelimited(1, utf8(key)), ...lengthDelimited(2, utf8(value))]));
  bytes.push(...lengthDelimited(8, frame.payload));
  return Buffer.from(bytes);
}

class Reader {
  offset = 0;
  constructor(readonly bytes: Uint8Array) {}
  get done(): boolean {
    return this.offset >= this.bytes.length;
  }
  varint(): number {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = this.bytes[this.offset++] as number;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 0x80;
    }
  }
  bytesField(): Uint8Array {
    const length = this.varint();
    const slice = this.bytes.subarray(this.offset, this.offset + length);
    this.offset += length;
    return slice;
  }
}

export function decodeFrame(bytes: Uint8Array): FeishuFrame {
  const reader = new Reader(bytes);
  const frame = { seqId: 0, logId: 0, service: 0, method: 0, headers: {} as Record<string, string>, payload: new Uint8Array() as Uint8Array };
  while (!reader.done) {
    const key = reader.varint();
    const field = Math.floor(key / 8);
    const wireType = key % 8;
    if (wireType === 0) {
      const value = reader.varint();
      if (field === 1) frame.seqId = value;
      else if (field === 2) frame.logId = value;
      else if (field === 3) frame.service = value;
      else if (field === 4) frame.method = value;
      continue;
    }
    const value = reader.bytesField();
    if (field === 5) {
      const header = new Reader(value);
      let name = "";
      let text = "";
      while (!header.done) {
        const headerKey = header.varint();
        const content = Buffer.from(header.bytesField()).toString("utf8");
        if (Math.floor(headerKey / 8) === 1) name = content;
        else text = content;
      }
      frame.headers[name] = text;
    } else if (field === 8) frame.payload = value;
  }
  return frame;
}
