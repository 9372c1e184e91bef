// The rule the dialog offers to start from: short, complete (with a case
// that fires and one that stays quiet), and close to what people write first.

export const EXAMPLE_RULE = `{
  "id": "refused-again",
  "title": "Connections refused again and again",
  "description": "Five or more 'connection refused' lines from one source within two minutes.",
  "family": "connection-refused",
  "severity": "warning",
  "detector": { "type": "series", "of": { "match": "connection refused" }, "count": 5, "within": "2m" },
  "finding": {
    "title": "{source}: connection refused {count} times {span}",
    "detail": ["{first} to {last}: {count} refused connections.", "Check next: is the service it connects to running and listening?"]
  },
  "cases": [
    {
      "name": "five refusals in a minute",
      "files": [{ "name": "app.log", "lines": [
        "2024-05-01T10:00:00Z ERROR dial tcp 10.0.0.5:5432: connect: connection refused",
        "2024-05-01T10:00:10Z ERROR dial tcp 10.0.0.5:5432: connect: connection refused",
        "2024-05-01T10:00:20Z ERROR dial tcp 10.0.0.5:5432: connect: connection refused",
        "2024-05-01T10:00:30Z ERROR dial tcp 10.0.0.5:5432: connect: connection refused",
        "2024-05-01T10:00:40Z ERROR dial tcp 10.0.0.5:5432: connect: connection refused"
      ] }],
      "expect": [{ "severity": "warning", "count": 5 }]
    },
    { "name": "one refusal is not a pattern", "files": [{ "name": "app.log", "lines": ["2024-05-01T10:00:00Z ERROR connect: connection refused"] }], "expect": [] }
  ]
}
`;
