"""What runs in production besides the gateway (bot/) and the action server (actions/).

`settings` configures every process from the environment (no Rasa imports); `role` starts one process by
ROLE, `stack` all of them for `make run`; `rasa_server` and `tracker_store` run inside the Rasa process only;
`endpoints` writes Rasa's endpoints file; `healthcheck` is the image's probe; `readiness` tells the runner
(and the gateway) whether Rasa answers; `retention` deletes old conversations (a CronJob on Kubernetes) and
`backup` copies the database. No module here imports the gateway (`bot`, which may import these); the tables
they read are declared in storage/. Developer tools live in tools/.
"""
