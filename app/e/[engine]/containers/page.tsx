export default function ContainersPage() {
  return <div className="p-4">Containers</div>;
}
