// Previous/next paging for the gateway's list envelopes ({ count, page, page_size }).
export const PAGE_SIZE = 20;

interface PagerProps {
  page: number;
  count: number;
  pageSize?: number;
  onPage: (page: number) => void;
  label: string;
}

export function Pager({ page, count, pageSize = PAGE_SIZE, onPage, label }: PagerProps) {
  const pages = Math.max(1, Math.ceil(count / pageSize));
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label={`${label} pages`}>
      <button type="button" disabled={page === 0} onClick={() => onPage(page - 1)}>
        Previous
      </button>
      <span>
        Page {page + 1} of {pages}
      </span>
      <button type="button" disabled={page + 1 >= pages} onClick={() => onPage(page + 1)}>
        Next
      </button>
    </nav>
  );
}
