import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context.js';

/**
 * Counts writes through this gateway: the value changes when a mutation
 * begins and again when it ends. Everything remembered from before a change
 * (cached answers, fetches in flight) is not reused after it.
 */
export class WriteEpoch {
  value = 0;
  private readonly listeners: (() => void)[] = [];

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  bump(): void {
    this.value++;
    for (const listener of this.listeners) listener();
  }
}

/**
 * Apollo plugin: a mutation moves the write epoch when it begins and again
 * when it ends, before its answer is sent. So a read that starts after a
 * write's answer never reuses a fetch or an answer from before that write.
 * (graphql-handler.ts ends a write whose answer never went out.)
 */
export function writeEpochPlugin(epoch: WriteEpoch): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          contextValue.writing = true;
          epoch.bump();
        },
        async willSendResponse({ contextValue }) {
          if (!contextValue.writing) return;
          contextValue.writing = false;
          epoch.bump();
        },
      };
    },
  };
}
