// The console shell: sign-in when signed out, otherwise the navigation, the live connection and the current view.
import { useEffect } from "preact/hooks";
import { Nav } from "./components/nav";
import { connectLive } from "./live";
import { navigate, route } from "./route";
import { session } from "./session";
import { BatchDetail } from "./views/batch-detail";
import { Batches } from "./views/batches";
import { Callbacks } from "./views/callbacks";
import { Compose } from "./views/compose";
import { GroupDetail, Groups } from "./views/groups";
import { HandsetThread } from "./views/handset-thread";
import { Handsets } from "./views/handsets";
import { Inbounds } from "./views/inbounds";
import { OptOuts } from "./views/opt-outs";
import { Overview } from "./views/overview";
import { Settings } from "./views/settings";
import { SignIn } from "./views/sign-in";

function View() {
  const [name, id] = route.value;
  switch (name) {
    case "overview":
      return <Overview />;
    case "batches":
      return id ? <BatchDetail id={id} /> : <Batches />;
    case "compose":
      return <Compose />;
    case "handsets":
      return id ? <HandsetThread msisdn={id} /> : <Handsets />;
    case "inbounds":
      return <Inbounds />;
    case "groups":
      return id ? <GroupDetail id={id} /> : <Groups />;
    case "opt-outs":
      return <OptOuts />;
    case "callbacks":
      return <Callbacks />;
    case "settings":
      return <Settings />;
    default:
      return <Batches />;
  }
}

export function App() {
  const current = session.value;
  useEffect(() => (current ? connectLive(current) : undefined), [current]);
  useEffect(() => {
    if (current && route.value.length === 0) navigate("batches");
  }, [current]);
  // A new view: keyboard and screen reader users continue from its start, not from the link they used.
  const path = route.value.join("/");
  useEffect(() => {
    if (path) document.getElementById("main")?.focus({ preventScroll: true });
  }, [path]);
  if (!current) return <SignIn />;
  return (
    <>
      <Nav />
      <main id="main" tabIndex={-1}>
        <View />
      </main>
    </>
  );
}
