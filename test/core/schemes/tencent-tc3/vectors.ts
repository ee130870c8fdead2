// Every TC3 and v1 vector of /work/shared/protocols/tencent-live.md (§2.2, §2.5, §3.3). Each entry
// cites its section and status ([VERIFIED] doc, [WIRE] from the official SDK, [COMPUTED]).
import { parseQuery, type QueryPair } from '../../../../src/core/encoding/query.ts'

export interface Tc3Vector {
  readonly source: string
  readonly method: 'GET' | 'POST'
  /** The Host header as sent. */
  readonly hostHeader: string
  /** The host the client signed. */
  readonly signedHost: string
  readonly service: string
  readonly contentType: string
  readonly query: string
  readonly body: string
  readonly timestamp: number
  readonly secretId: string
  readonly secretKey: string
  readonly signature: string
  readonly canonicalRequest?: string
  readonly hashedCanonicalRequest?: string
  readonly hashedPayload?: string
}

export const TC3_VECTORS: readonly Tc3Vector[] = [
  {
    // §2.2 [VERIFIED] https://tencentcloud.com/document/product/1026/31038 (cvm DescribeInstances)
    source: '§2.2 published cvm vector',
    method: 'POST',
    hostHeader: 'cvm.tencentcloudapi.com',
    signedHost: 'cvm.tencentcloudapi.com',
    service: 'cvm',
    contentType: 'application/json; charset=utf-8',
    query: '',
    // Byte-exact: the \uXXXX escapes are literal text.
    body: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
    timestamp: 1551113065,
    secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    hashedPayload: '35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    canonicalRequest:
      'POST\n/\n\ncontent-type:application/json; charset=utf-8\nhost:cvm.tencentcloudapi.com\n\ncontent-type;host\n35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064',
    hashedCanonicalRequest: '5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031',
    signature: '72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
  },
  {
    // §2.5 [WIRE] tencentcloud-sdk-nodejs-common 4.1.220, endpoint 127.0.0.1:18080, POST JSON
    source: '§2.5 SDK TC3 POST',
    method: 'POST',
    hostHeader: '127.0.0.1:18080',
    signedHost: '127.0.0.1',
    service: '127',
    contentType: 'application/json',
    query: '',
    body: '{"DomainName":"play.example.com"}',
    timestamp: 1795325844,
    secretId: 'AKIDEXAMPLE',
    secretKey: 'SECRETEXAMPLE',
    signature: 'f4e34f88b0de78338d37bb8f9646ae46ccd586b9835635de50a364d9979b034d',
  },
  {
    // §2.5 [WIRE] the same SDK with reqMethod GET
    source: '§2.5 SDK TC3 GET',
    method: 'GET',
    hostHeader: '127.0.0.1:18080',
    signedHost: '127.0.0.1',
    service: '127',
    contentType: 'application/x-www-form-urlencoded',
    query: 'DomainName=play.example.com',
    body: '',
    timestamp: 1795325923,
    secretId: 'AKIDEXAMPLE',
    secretKey: 'SECRETEXAMPLE',
    signature: '6aebbcff68074b3e1367b98851c63979d5a59212e6d06bf55cd72a85cee990c8',
  },
  {
    // §2.5 [COMPUTED] the POST above signed for the vendor host and service `live`
    source: '§2.5 computed live.tencentcloudapi.com',
    method: 'POST',
    hostHeader: 'live.tencentcloudapi.com',
    signedHost: 'live.tencentcloudapi.com',
    service: 'live',
    contentType: 'application/json',
    query: '',
    body: '{"DomainName":"play.example.com"}',
    timestamp: 1795325844,
    secretId: 'AKIDEXAMPLE',
    secretKey: 'SECRETEXAMPLE',
    signature: 'c05f2127c8f872db029fd224137fc0777d1b7d44df95c40e43fda4a011227da3',
  },
]

/** §2.5: the SDK POST re-signed with the port in the host does not match (prefix and suffix printed). */
export const TC3_POST_WITH_PORT = { prefix: 'f79128c6', suffix: '3824' }

export interface V1Vector {
  readonly source: string
  readonly method: string
  /** Hosts tried by the server, the one that signed first. */
  readonly host: string
  readonly params: readonly QueryPair[]
  readonly secretKey: string
  readonly stringToSign: string
  /** Base64, decoded from the wire. */
  readonly signature: string
}

const DOC_PARAMS =
  'Action=DescribeInstances&InstanceIds.0=ins-09dx96dg&Limit=20&Nonce=11886&Offset=0&Region=ap-guangzhou&SecretId=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE&Timestamp=1465185768&Version=2017-03-12'
const SHA256_PARAMS = DOC_PARAMS.replace('&Timestamp=', '&SignatureMethod=HmacSHA256&Timestamp=')

export const V1_VECTORS: readonly V1Vector[] = [
  {
    // §3.3 [VERIFIED] https://tencentcloud.com/document/api/570/36331 (HmacSHA1)
    source: '§3.3 published HmacSHA1 vector',
    method: 'GET',
    host: 'cvm.tencentcloudapi.com',
    params: parseQuery(DOC_PARAMS)!,
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    stringToSign: `GETcvm.tencentcloudapi.com/?${DOC_PARAMS}`,
    signature: 'EliP9YW3pW28FpsEdkXt/+WcGeI=',
  },
  {
    // §3.3 [COMPUTED] the same with SignatureMethod=HmacSHA256
    source: '§3.3 computed HmacSHA256 vector',
    method: 'GET',
    host: 'cvm.tencentcloudapi.com',
    params: parseQuery(SHA256_PARAMS)!,
    secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
    stringToSign: `GETcvm.tencentcloudapi.com/?${SHA256_PARAMS}`,
    signature: 'A8uy2/o7WBZXYCTWEFpMrVGhGBVlEGIOioeqRM+fzFs=',
  },
  {
    // §3.3 [WIRE] SDK HmacSHA256, POST form body, endpoint 127.0.0.1:18080
    source: '§3.3 SDK HmacSHA256 POST form',
    method: 'POST',
    host: '127.0.0.1:18080',
    params: parseQuery(
      'DomainName=play.example.com&Action=DescribeLivePlayAuthKey&RequestClient=SDK_NODEJS_4.1.220&Nonce=50500&Timestamp=1795325924&Version=2018-08-01&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA256&Signature=hEloP8ibu3iJVbOQUzFlMXA9XMtk3OXY9JhxY8PPf8g%3D',
    )!,
    secretKey: 'SECRETEXAMPLE',
    stringToSign:
      'POST127.0.0.1:18080/?Action=DescribeLivePlayAuthKey&DomainName=play.example.com&Nonce=50500&RequestClient=SDK_NODEJS_4.1.220&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA256&Timestamp=1795325924&Version=2018-08-01',
    signature: 'hEloP8ibu3iJVbOQUzFlMXA9XMtk3OXY9JhxY8PPf8g=',
  },
  {
    // §3.3 [WIRE] SDK HmacSHA1, GET
    source: '§3.3 SDK HmacSHA1 GET',
    method: 'GET',
    host: '127.0.0.1:18080',
    params: parseQuery(
      'DomainName=play.example.com&Action=DescribeLivePlayAuthKey&RequestClient=SDK_NODEJS_4.1.220&Nonce=3504&Timestamp=1795325924&Version=2018-08-01&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA1&Signature=37QZEjiUVDKHd6HU6T0KBGLd0qU%3D',
    )!,
    secretKey: 'SECRETEXAMPLE',
    stringToSign:
      'GET127.0.0.1:18080/?Action=DescribeLivePlayAuthKey&DomainName=play.example.com&Nonce=3504&RequestClient=SDK_NODEJS_4.1.220&SecretId=AKIDEXAMPLE&SignatureMethod=HmacSHA1&Timestamp=1795325924&Version=2018-08-01',
    signature: '37QZEjiUVDKHd6HU6T0KBGLd0qU=',
  },
]

/** The older English doc copy's `v9MVG3fopp/gCsLSZ4gMFeYGgDU=` does not reproduce (§3.3). */
export const V1_DOC_ERRATUM = 'v9MVG3fopp/gCsLSZ4gMFeYGgDU='
