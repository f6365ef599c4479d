// What the API said went wrong: the problem detail (RFC 9457) of a failed response, or its status.

export async function problemOf(response) {
  try {
    const problem = await response.json();
    return problem.detail || ('HTTP ' + response.status);
  } catch (e) {
    return 'HTTP ' + response.status;
  }
}
