// The last line of defence for log lines: URL MACs and signing parameters are masked in every
// line a logger writes, whatever wrote it (our messages, Fastify's own "is not a valid url
// component" errors, causes and stacks), because any of them may quote a request target.
import type { DestinationStream } from 'pino'

const SIGNING_PARAM =
  /([?&](?:[\w.-]*?(?:sign|secret|token|auth|pass|key|sig|credential|md5)[\w.-]*)=)([^&\s"'\\#]+)/gi
/** Path-form signatures: Aliyun/Tencent type B `/YYYYMMDDHHMM/<md5>/…`, type C `/<md5>/<hex time>/…`. */
const PATH_MAC = /(\/\d{12})\/[0-9a-fA-F]{32}(?=\/)|\/[0-9a-fA-F]{32}(?=\/[0-9a-fA-F]{8,16}\/)/g

export function maskLogLine(line: string): string {
  if (!line.includes('=') && !line.includes('/')) return line
  return line
    .replace(SIGNING_PARAM, (_m, name: string) => `${name}***`)
    .replace(PATH_MAC, (_m, time?: string) => `${time ?? ''}/***`)
}

/** Wraps a log destination so every line is masked on its way out. */
export function maskingStream(destination: DestinationStream): DestinationStream {
  return {
    write(line: string) {
      destination.write(maskLogLine(line))
    },
  }
}
