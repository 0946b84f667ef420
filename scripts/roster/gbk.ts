// GBK encoding for synthetic rosters (Node's TextEncoder only writes UTF-8).
import iconv from 'iconv-lite';

export function encodeGbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}
