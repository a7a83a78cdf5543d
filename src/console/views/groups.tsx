// Groups: list and create; one group's name, members and auto-update keywords, editable; delete.
import { useState } from "preact/hooks";
import { LocalTime } from "../components/local-time";
import { Empty, ErrorNotice, Loading } from "../components/notice";
import { PAGE_SIZE, Pager } from "../components/pager";
import { href, navigate } from "../route";
import { api, describeError } from "../session";
import { splitTargets } from "../targets";
import { useQuery } from "../use-query";

/** Runs a change, reporting its error; true when it worked. */
function useChange() {
  const [error, setError] = useState<string | null>(null);
  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
      return true;
    } catch (e) {
      setError(describeError(e));
      return false;
    }
  };
  return { error, run };
}

export function Groups() {
  const [page, setPage] = useState(0);
  const [name, setName] = useState("");
  const [members, setMembers] = useState("");
  const change = useChange();
  const query = useQuery(() => api().groups.list.query({ page, page_size: PAGE_SIZE }), [page]);
  const data = query.data;
  const create = async (event: Event) => {
    event.preventDefault();
    let id = "";
    const ok = await change.run(async () => {
      const group = await api().groups.create.mutate({
        ...(name && { name }),
        members: splitTargets(members),
      });
      id = group.id;
    });
    if (ok) navigate("groups", id);
  };
  return (
    <section>
      <h1>Groups</h1>
      <form class="card" onSubmit={create}>
        <h2>New group</h2>
        <label>
          Group name
          <input maxLength={20} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </label>
        <label>
          Members
          <textarea rows={2} value={members} onInput={(e) => setMembers(e.currentTarget.value)} />
        </label>
        <ErrorNotice error={change.error} />
        <button type="submit">Create group</button>
      </form>
      <ErrorNotice error={query.error} />
      {!data && query.loading && <Loading />}
      {data?.groups.length === 0 && <Empty>No groups yet: create one above, then send to its id.</Empty>}
      {data && data.groups.length > 0 && (
        <ul class="rows" aria-label="Groups">
          {data.groups.map((g) => (
            <li key={g.id} class="row">
              <div class="row-head">
                <a href={href("groups", g.id)}>{g.name ?? g.id}</a>
                <LocalTime iso={g.created_at} />
              </div>
              <div class="row-meta">
                <span class="mono">{g.id}</span> · {g.size} {g.size === 1 ? "member" : "members"}
              </div>
            </li>
          ))}
        </ul>
      )}
      {data && <Pager page={page} count={data.count} onPage={setPage} label="Groups" />}
    </section>
  );
}

export function GroupDetail({ id }: { id: string }) {
  const [add, setAdd] = useState("");
  const [rename, setRename] = useState("");
  const [keywordTo, setKeywordTo] = useState("");
  const [joinWord, setJoinWord] = useState("");
  const [leaveWord, setLeaveWord] = useState("");
  const change = useChange();
  const query = useQuery(async () => {
    const [group, members] = await Promise.all([
      api().groups.get.query({ group_id: id }),
      api().groups.members.query({ group_id: id }),
    ]);
    return { group, members };
  }, [id]);
  const data = query.data;
  if (!data) return query.error ? <ErrorNotice error={query.error} /> : <Loading />;
  const { group, members } = data;
  const update = async (body: Record<string, unknown>) => {
    if (await change.run(() => api().groups.update.mutate({ group_id: id, ...body }))) query.reload();
  };
  const auto = group.auto_update;
  return (
    <section>
      <p>
        <a href={href("groups")}>← Groups</a>
      </p>
      <h1>Group {group.name ?? group.id}</h1>
      <p class="mono">{group.id}</p>
      <ErrorNotice error={change.error} />
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void update({ name: rename.trim() || null });
        }}
      >
        <label>
          New name
          <input maxLength={20} value={rename} onInput={(e) => setRename(e.currentTarget.value)} />
        </label>
        <button type="submit">Rename</button>
      </form>
      <h2>Members ({members.length})</h2>
      {members.length === 0 && <Empty>No members yet: add numbers below.</Empty>}
      <ul class="plain members">
        {members.map((m) => (
          <li key={m}>
            {m}{" "}
            <button type="button" aria-label={`Remove ${m}`} onClick={() => update({ remove: [m] })}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form
        class="inline"
        onSubmit={async (e) => {
          e.preventDefault();
          await update({ add: splitTargets(add) });
          setAdd("");
        }}
      >
        <label>
          Add members
          <input required value={add} onInput={(e) => setAdd(e.currentTarget.value)} />
        </label>
        <button type="submit">Add</button>
      </form>
      <h2>Keywords</h2>
      <p>
        {auto
          ? `Texting ${auto.add?.first_word ?? "—"} to ${auto.to} joins; ${auto.remove?.first_word ?? "—"} leaves.`
          : "No keywords: numbers join and leave only through the API."}
      </p>
      <form
        class="inline"
        onSubmit={(e) => {
          e.preventDefault();
          void update({
            auto_update: {
              to: keywordTo || auto?.to,
              ...(joinWord && { add: { first_word: joinWord } }),
              ...(leaveWord && { remove: { first_word: leaveWord } }),
            },
          });
        }}
      >
        <label>
          Keyword number
          <input
            value={keywordTo}
            placeholder={auto?.to ?? "12345"}
            onInput={(e) => setKeywordTo(e.currentTarget.value)}
          />
        </label>
        <label>
          Join keyword
          <input value={joinWord} onInput={(e) => setJoinWord(e.currentTarget.value)} />
        </label>
        <label>
          Leave keyword
          <input value={leaveWord} onInput={(e) => setLeaveWord(e.currentTarget.value)} />
        </label>
        <button type="submit">Save keywords</button>
      </form>
      <div class="actions">
        <button
          type="button"
          class="danger"
          onClick={async () => {
            if (await change.run(() => api().groups.delete.mutate({ group_id: id }))) navigate("groups");
          }}
        >
          Delete group
        </button>
      </div>
    </section>
  );
}
