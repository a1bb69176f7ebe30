import Link from 'next/link';

export default function NotFound() {
  return (
    <section className="panel narrow">
      <h1>Page not found</h1>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </section>
  );
}
