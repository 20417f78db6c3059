"""Host APIs (GitHub, GitLab, Gitea/Forgejo) behind one protocol, and the registry that picks one."""
