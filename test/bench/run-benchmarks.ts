import { runNoticeDeliveryBenchmark } from './notice-delivery.bench.js';

// `npm run bench`: prints numbers, asserts nothing. Sandbox query latency first, then notices.
await import('./sandbox-query.bench.js');
await runNoticeDeliveryBenchmark();
