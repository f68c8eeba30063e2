/** The lab's embedded Kubernetes API server (spec/lab.md). */
export { startApiServer, isLoopbackHost, type ApiServerOptions, type ExecUpgradeHandler, type RunningApiServer } from './server.js';
export { writeKubeconfig } from './kubeconfig.js';
