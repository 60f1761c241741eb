/**
 * What the AWS transports (SES mail, SNS text messages) share: the optional SDK package is
 * imported on the first send — so apps on other transports never load or install it — and the
 * client is built for the outbox (one attempt, bounded timeouts), kept for later sends, and
 * forgotten after a failed start so the next send tries again.
 */

export interface AwsClientOptions {
  /** Falls back to the AWS chain (`AWS_REGION`, the shared config file). */
  readonly region?: string | undefined;
  /** Overrides the regional endpoint, e.g. for a VPC endpoint or a local stand-in. */
  readonly endpoint?: string | undefined;
}

/** The client configuration every AWS transport uses. */
export function awsClientConfig(options: AwsClientOptions) {
  return {
    ...(options.region !== undefined && { region: options.region }),
    ...(options.endpoint !== undefined && { endpoint: options.endpoint }),
    // One attempt per send: the outbox owns retrying, with its own backoff and attempt limit.
    maxAttempts: 1,
    // A send that outlives the outbox lease (60 s) could be claimed and sent again.
    requestHandler: { connectionTimeout: 10_000, requestTimeout: 30_000, throwOnRequestTimeout: true },
  };
}

export interface LazyAwsClient<C> {
  /** The connection, started on the first call. */
  get(): Promise<C>;
  /** Destroys the client, if one was started. */
  close(): Promise<void>;
}

/**
 * @param connect imports the SDK package (a literal `import()`, so bundlers see it) and builds the client
 * @param missing what to say when the package is not installed, e.g. `The SNS SMS transport needs @aws-sdk/client-sns`
 */
export function lazyAwsClient<C extends { readonly client: { destroy(): void } }>(
  connect: () => Promise<C>,
  missing: { readonly transport: string; readonly pkg: string },
): LazyAwsClient<C> {
  let started: Promise<C> | undefined;
  const start = async () => {
    try {
      return await connect();
    } catch (error) {
      // A plain Error, not a permanent delivery error: this is the deployment's fault, not the
      // message's, so the message stays queued and goes out once the operator installs the package.
      if ((error as { code?: unknown }).code === 'ERR_MODULE_NOT_FOUND')
        throw new Error(`The ${missing.transport} needs ${missing.pkg}: npm install ${missing.pkg}`, {
          cause: error,
        });
      throw error;
    }
  };
  return {
    get() {
      started ??= start().catch((error: unknown) => {
        started = undefined;
        throw error;
      });
      return started;
    },
    async close() {
      const pending = started;
      started = undefined;
      if (pending) (await pending.catch(() => undefined))?.client.destroy();
    },
  };
}
