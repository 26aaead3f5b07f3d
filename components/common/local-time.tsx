"use client";
/**
 * A time in the browser's time zone and locale. The server does not know the zone: it renders the
 * UTC time, which the browser replaces once hydrated (the full ISO time stays in the tooltip).
 */
import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

export function LocalTime({ iso }: { iso: string }) {
  const inBrowser = useSyncExternalStore(noSubscription, () => true, () => false);
  const text = inBrowser ? new Date(iso).toLocaleString() : `${iso.slice(0, 19).replace("T", " ")} UTC`;
  return (
    <time dateTime={iso} title={iso}>
      {text}
    </time>
  );
}
