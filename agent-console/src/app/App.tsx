export function App() {
  return (
    <main class="console">
      <h1>Parley agent console</h1>
      <p>Sign-in arrives soon. Agents will answer visitors' chats from here.</p>
    </main>
  );
}
