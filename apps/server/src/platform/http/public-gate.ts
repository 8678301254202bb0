import pLimit from "p-limit";
import { AppError } from "./errors.ts";

/**
 * Admits citizens' writes to the database a few at a time. Without it, a flood of public submissions
 * (each passing the per-address limits from many addresses) would queue in front of every officer's
 * query for the pool's connections; with it, at most `slots` public writes hold or wait for a connection
 * and the others wait here, so an officer's query waits behind at most `slots` of them. When `queue`
 * writes wait already, the next is told to come back later (503 with Retry-After) instead of piling up.
 */
export interface PublicGate {
  <T>(work: () => Promise<T>): Promise<T>;
  readonly active: number;
  readonly waiting: number;
}

export const OVERLOADED = {
  vi: "Hệ thống đang nhận quá nhiều tin cùng lúc. Nội dung của bạn chưa được gửi; vui lòng gửi lại sau ít phút.",
  en: "The service is receiving too many reports at once. Yours was not sent; please send it again in a few minutes.",
};

export function makePublicGate(slots: number, queue: number): PublicGate {
  const limit = pLimit(Math.max(1, slots));
  const gate = (<T>(work: () => Promise<T>): Promise<T> => {
    if (limit.activeCount + limit.pendingCount >= limit.concurrency + queue)
      return Promise.reject(new AppError(503, "overloaded", OVERLOADED, { retryAfterSeconds: 30 }));
    return limit(work);
  }) as PublicGate;
  Object.defineProperties(gate, {
    active: { get: () => limit.activeCount },
    waiting: { get: () => limit.pendingCount },
  });
  return gate;
}

/**
 * The public writes' share of a pool of `poolSize` connections: two stay free for officers (their queries
 * come a few at a time; each public slot held back costs submissions per second, ~15% for 6 of 10).
 */
export const publicSlots = (poolSize: number) => Math.max(1, poolSize - 2);
