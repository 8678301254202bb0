import { App, type FormInstance } from "antd";
import { useCallback } from "react";
import { ApiError, fieldName } from "./api.ts";
import { storedLang, translator, useT } from "./i18n/index.tsx";

/** The message of any error in the current language. */
export function useErrorText(): (error: unknown) => string {
  const t = useT();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError) return error.text(t.lang);
      return t("error.network");
    },
    [t],
  );
}

/** `const showError = useShowError(); mutation.onError = showError` — a toast in the current language. */
export function useShowError(): (error: unknown) => void {
  const { message } = App.useApp();
  const text = useErrorText();
  return useCallback((error: unknown) => void message.error(text(error)), [message, text]);
}

/**
 * Marks the form's fields named by a validation error. The server's per-field texts are technical
 * (English), so a field shows the problem's own message when it is the only one, otherwise a
 * generic "invalid value" with the technical detail in brackets.
 */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.errors.length === 0) return false;
  const t = translator(storedLang());
  const single = error.errors.length === 1 && error.code !== "validation_failed";
  form.setFields(
    error.errors.map((e) => ({
      name: fieldName(e.path),
      errors: [single ? error.text(t.lang) : `${t("error.invalidField")} (${e.message})`],
    })) as never,
  );
  return true;
}
