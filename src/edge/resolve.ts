// Which play domain a request is for: the `/play/<host>/…` prefix (one host for local use, no
// DNS), else the Host header (the domain's own name pointed at the edge). The parsing lives in
// services/play-address.ts, shared with the CLI and revocation by URL.
export {
  hostAddress,
  PLAY_PREFIX,
  prefixAddress,
  type PlayAddress as EdgeAddress,
} from '../services/play-address.ts'
