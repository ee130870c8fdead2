// @alicloud/pop-core ships no types; the contract tests only need this much of it.
declare module '@alicloud/pop-core' {
  export interface RPCClientOptions {
    endpoint: string
    apiVersion: string
    accessKeyId: string
    accessKeySecret: string
    securityToken?: string
  }
  export class RPCClient {
    constructor(options: RPCClientOptions)
    request<T = Record<string, unknown>>(
      action: string,
      params: Record<string, unknown>,
      options?: { method?: 'GET' | 'POST'; timeout?: number },
    ): Promise<T>
  }
}
