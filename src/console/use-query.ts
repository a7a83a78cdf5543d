// Data for a view: one fetch through the typed client, refetched when a matching live event (or a poll) arrives.
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import { type LiveEvent, subscribe } from "./live";
import { describeError } from "./session";

export interface Query<T> {
  data: T | undefined;
  error: string | null;
  loading: boolean;
  reload: () => void;
}

/**
 * `load` runs on mount, whenever `deps` change, and when `refetchOn` accepts a live event ("poll" and
 * "reset" ticks always refetch). Answers of a superseded run are dropped, so a slow answer never overwrites a newer one.
 */
export function useQuery<T>(
  load: () => Promise<T>,
  deps: unknown[],
  refetchOn: (event: LiveEvent) => boolean = () => false,
): Query<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const run = useRef(0);
  const busy = useRef(false);
  const again = useRef(false);
  const loadRef = useRef(load);
  loadRef.current = load;
  const filterRef = useRef(refetchOn);
  filterRef.current = refetchOn;

  const fetchNow = useCallback(async () => {
    // One request in flight per view: events arriving meanwhile coalesce into one more fetch after it.
    if (busy.current) {
      again.current = true;
      return;
    }
    busy.current = true;
    const id = ++run.current;
    try {
      const value = await loadRef.current();
      if (id === run.current) {
        setData(value);
        setError(null);
      }
    } catch (e) {
      if (id === run.current) setError(describeError(e));
    } finally {
      busy.current = false;
      if (id === run.current) setLoading(false);
      if (again.current) {
        again.current = false;
        void fetchNow();
      }
    }
  }, []);

  useEffect(() => {
    setLoading(true);
    run.current++;
    busy.current = false;
    void fetchNow();
  }, deps);

  useEffect(
    () =>
      subscribe((event) => {
        if (event.type === "poll" || event.type === "reset" || filterRef.current(event)) void fetchNow();
      }),
    [fetchNow],
  );

  return { data, error, loading, reload: () => void fetchNow() };
}
