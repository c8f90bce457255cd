/** Where each service listens by default (PORT overrides it per process). */
export const defaultPorts = {
  gateway: 4000,
  provinces: 4001,
  awards: 4002,
  metrics: 4003,
} as const;
