import { useEffect, useRef } from "react";
import { useNonce } from "~/utils/nonce";

/** Fills the field before its form can be sent; a failure leaves it empty, which only means "no guess". */
const FILL = `try{document.currentScript.previousElementSibling.value=Intl.DateTimeFormat().resolvedOptions().timeZone}catch(e){}`;

/**
 * A hidden `timeZone` field carrying the browser's zone, for the forms that
 * start a session: the person's zone is guessed from it until they choose one
 * in settings. A small inline script fills it as the page is parsed, so a
 * sign-in sent before the page's JavaScript has loaded still carries it; the
 * effect covers a form rendered in the browser. The input has no value prop:
 * hydrating one would reset what the script wrote.
 */
export function TimeZoneGuess() {
  const nonce = useNonce();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (input.current && !input.current.value) {
      input.current.value = Intl.DateTimeFormat().resolvedOptions().timeZone;
    }
  }, []);
  return (
    <>
      <input ref={input} type="hidden" name="timeZone" />
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: FILL }} />
    </>
  );
}
