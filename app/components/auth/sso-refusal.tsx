/** Why single sign-on signed nobody in, and the way back to try again. */
export function SsoRefusal({ title, message }: { title: string; message: string }) {
  return (
    <div className="sign-in card">
      <h1>{title}</h1>
      <div className="alert error" role="alert">
        {message}
      </div>
      <p>
        <a href="/sign-in">Back to sign in</a>
      </p>
    </div>
  );
}
