// Reads a case bundle, the ZIP the auditor downloads, in the browser: stored or deflated entries, as
// java.util.zip writes them. Deflated entries carry their sizes only in the central directory (the local headers
// defer them to data descriptors), so the central directory is the index. No CRC check: every entry that matters is
// checked against a hash, and an entry that is not is shown as unchecked.

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_FILE_HEADER = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export class BundleFormatError extends Error {}

/** The entries of a ZIP archive by name, each its exact bytes. */
export async function readZip(buffer) {
  const bytes = new Uint8Array(buffer);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = endOfCentralDirectory(view);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const names = new TextDecoder('utf-8', { fatal: true });
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    require(at + 46 <= view.byteLength && view.getUint32(at, true) === CENTRAL_FILE_HEADER,
      `the bundle's central directory entry ${n} is damaged`);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    require(compressedSize !== 0xffffffff && size !== 0xffffffff, `the bundle entry ${name} is a ZIP64 entry`);
    require(local + 30 <= view.byteLength && view.getUint32(local, true) === LOCAL_FILE_HEADER,
      `the bundle entry ${name} has no local header`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    require(start + compressedSize <= view.byteLength, `the bundle entry ${name} is cut short`);
    const data = bytes.subarray(start, start + compressedSize);
    let content;
    if (method === STORED) {
      content = data.slice();
    } else if (method === DEFLATED) {
      content = await inflate(data);
    } else {
      throw new BundleFormatError(`the bundle entry ${name} uses compression method ${method}`);
    }
    require(content.length === size, `the bundle entry ${name} has ${content.length} bytes, but its header says ${size}`);
    // Two entries of one name could show the reader one and the checker the other.
    require(!entries.has(name), `the bundle holds ${name} twice`);
    entries.set(name, content);
  }
  return entries;
}

function endOfCentralDirectory(view) {
  const last = view.byteLength - 22;
  for (let at = last; at >= 0 && at >= last - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_CENTRAL_DIRECTORY) {
      return at;
    }
  }
  throw new BundleFormatError('the bundle is not a ZIP archive: it has no end of central directory');
}

async function inflate(data) {
  const stream = new Blob([data]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function require(condition, message) {
  if (!condition) {
    throw new BundleFormatError(message);
  }
}
