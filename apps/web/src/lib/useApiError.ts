import { App, type FormInstance } from "antd";
import { useCallback } from "react";
import { ApiError, fieldName } from "./api.ts";
import { useT } from "./i18n/index.tsx";

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

/** Puts a validation error's field messages next to the form's fields; true if any matched. */
export function applyFieldErrors<T>(form: FormInstance<T>, error: unknown): boolean {
  if (!(error instanceof ApiError) || error.errors.length === 0) return false;
  form.setFields(error.errors.map((e) => ({ name: fieldName(e.path), errors: [e.message] })) as never);
  return true;
}
