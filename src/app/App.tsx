// The application shell (placeholder until the app issue lands).
export function App() {
  return <main><h1>Timberline</h1></main>;
}
