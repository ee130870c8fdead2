// tencentcloud-sdk-nodejs-common's CommonClient, as far as the contract tests use it.
declare module 'tencentcloud-sdk-nodejs-common' {
  export interface ClientConfig {
    credential: { secretId: string; secretKey: string; token?: string }
    region: string
    profile?: {
      signMethod?: 'TC3-HMAC-SHA256' | 'HmacSHA256' | 'HmacSHA1'
      language?: 'en-US' | 'zh-CN'
      httpProfile?: {
        endpoint?: string
        protocol?: string
        reqMethod?: 'GET' | 'POST'
        reqTimeout?: number
      }
    }
  }
  export class CommonClient {
    constructor(endpoint: string, version: string, config: ClientConfig)
    request(action: string, params: Record<string, unknown>): Promise<Record<string, unknown>>
  }
}
