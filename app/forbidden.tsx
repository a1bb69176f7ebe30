import Link from 'next/link';

export default function Forbidden() {
  return (
    <section className="panel narrow">
      <h1>Access denied</h1>
      <p>Your login does not have access to this page. Nothing was shown or changed.</p>
      <p>
        <Link href="/">Go to your home page</Link>
      </p>
    </section>
  );
}
