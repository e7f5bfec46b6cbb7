import 'reflect-metadata';
import { ConfigError, loadEnv, METRICS_REGISTRY, serveMetrics } from '@roster/config';
import { GatewayConfig } from './config/gateway.config';
import { createGateway } from './gateway.bootstrap';

async function main(): Promise<void> {
  const config = loadEnv(GatewayConfig);
  const app = await createGateway(config);
  await app.listen(config.GATEWAY_PORT, config.GATEWAY_HOST);
  // Internal: compose does not publish it; Prometheus scrapes it on the services' network.
  await serveMetrics(app.get(METRICS_REGISTRY), config.METRICS_PORT, config.GATEWAY_HOST);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(`gateway: invalid configuration: ${error.problems.join('; ')}`);
  } else {
    console.error('gateway: failed to start:', error);
  }
  process.exit(1);
});
