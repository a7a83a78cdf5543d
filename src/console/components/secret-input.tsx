// A labelled password field for a token (never autofilled from or saved to the browser's password store).
interface SecretInputProps {
  label: string;
  value: string;
  onInput: (value: string) => void;
}

export function SecretInput({ label, value, onInput }: SecretInputProps) {
  return (
    <label>
      {label}
      <input
        type="password"
        required
        autocomplete="off"
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
    </label>
  );
}
