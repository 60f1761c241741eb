/** zod's issues as the API reports them: `{path, message}`, an unknown field named by its own path. */
import type { z } from 'zod';

export function validationIssues(error: z.ZodError): Array<{ path: string; message: string }> {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: [...issue.path, key].join('.'), message: 'not an accepted field' }))
      : [{ path: issue.path.join('.'), message: issue.message }],
  );
}
