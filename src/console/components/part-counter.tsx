// The compose counter: characters, parts and encoding from the gateway's own text engine, marking non-GSM characters.
import { measureText } from "../../domain/text/segments";
import { ucs2Forcing } from "../ucs2";

export function PartCounter({ text, id }: { text: string; id: string }) {
  const { encoding, units, parts } = measureText(text);
  const forcing = encoding === "UCS2" ? ucs2Forcing(text) : [];
  return (
    <div id={id} class="counter" aria-live="polite">
      <span>
        {[...text].length} characters · {units} {encoding === "GSM" ? "septets" : "code units"} · {parts}{" "}
        {parts === 1 ? "part" : "parts"} ·{" "}
      </span>
      <strong class={`encoding ${encoding === "GSM" ? "gsm" : "ucs2"}`}>
        {encoding === "GSM" ? "GSM-7" : "UCS-2"}
      </strong>
      {forcing.length > 0 && (
        <p class="forcing">
          UCS-2 because of:{" "}
          {forcing.map((char) => (
            <mark key={char} title={`U+${char.codePointAt(0)?.toString(16).toUpperCase().padStart(4, "0")}`}>
              {char}
            </mark>
          ))}
        </p>
      )}
    </div>
  );
}
